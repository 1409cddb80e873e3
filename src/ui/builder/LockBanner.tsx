// Shown while a lesson link keeps the network locked, with the way to unlock it.
import { setLocked } from '../../state/builderActions';
import { useAppStore } from '../../state/store';

export function LockBanner() {
  const locked = useAppStore((s) => s.locked);
  if (!locked) return null;
  return (
    <p className="lock-banner" data-testid="builder-locked" role="status">
      <strong>Locked.</strong> This lesson&apos;s network is locked, so it stays as your teacher set it. You can still train it, draw for it and look
      inside.{' '}
      <button type="button" data-testid="builder-unlock" onClick={() => setLocked(false)}>
        Unlock to edit
      </button>
    </p>
  );
}
