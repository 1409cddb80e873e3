// Opens and closes a native <dialog> as a modal (focus kept inside, Esc closes) to follow `open`.
import { useEffect, useRef } from 'react';

export function useModal(open: boolean, onOpen?: () => void) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opened = useRef(onOpen);
  useEffect(() => {
    opened.current = onOpen;
  });
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      opened.current?.();
    }
    if (!open && d.open) d.close();
  }, [open]);
  return dialog;
}
