// How far a check or an import is, from main's `import.progress` events (rows read, checked, written).
// The listener is there from the moment the screen mounts, not from the click: the browser harness opens
// its event stream lazily, and a small file's check could otherwise be over before the stream connects
// (as PdfJob.tsx says of PDFs). Events that arrive while nothing is running are dropped.
import { useEffect, useRef, useState } from 'react';
import type { ImportProgress } from '../../../../shared/import/report';
import { progressPercent, progressText } from './model';

export function useImportProgress(active: boolean): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const activeRef = useRef(active);
  activeRef.current = active;
  useEffect(() => {
    if (typeof window.api?.on !== 'function') return;
    return window.api.on('import.progress', (p) => {
      if (activeRef.current) setProgress(p);
    });
  }, []);
  // Each run starts from nothing, not from the end of the one before.
  useEffect(() => {
    if (active) setProgress(null);
  }, [active]);
  return active ? progress : null;
}

/** The bar while the file is read (no total yet: an indeterminate bar) and then row by row. */
export function ImportProgressBar({ progress, reading, label }: { progress: ImportProgress | null; reading: boolean; label: string }) {
  const percent = reading ? null : progressPercent(progress);
  const text = progressText(progress, reading);
  return (
    <div className="pdf-progress imp-progress" data-testid="import-progress">
      <div
        className={percent === null ? 'pdf-bar waiting' : 'pdf-bar'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={text}
      >
        <div className="pdf-bar-fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      <span className="pdf-progress-text" data-testid="import-progress-text">
        {text}
      </span>
    </div>
  );
}
