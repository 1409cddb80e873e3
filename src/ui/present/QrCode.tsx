// A QR code of a link, drawn as SVG (black on white whatever the theme, as scanners need).
import { qrImage } from './qr';

export function QrCode({ text, label, testId = 'lesson-qr' }: { text: string; label: string; testId?: string }) {
  const qr = qrImage(text);
  return (
    <svg className="qr" data-testid={testId} data-text={text} viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
