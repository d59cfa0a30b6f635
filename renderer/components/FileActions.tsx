// Buttons for a file the app just wrote: open it, save a copy elsewhere, print it (PDFs). Only in the
// desktop app (window.desktop); in the browser harness the path shown is all there is.
import { useState } from 'react';
import { desktopCall, errorMessage } from '../api';

export function FileActions({ path }: { path: string }) {
  const [note, setNote] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (!window.desktop) return null;
  const act = async (action: () => Promise<string | null>) => {
    setNote(null);
    try {
      const text = await action();
      if (text) setNote({ kind: 'ok', text });
    } catch (error) {
      setNote({ kind: 'error', text: errorMessage(error) });
    }
  };
  const isPdf = path.toLowerCase().endsWith('.pdf');
  return (
    <div className="file-actions" data-testid="file-actions">
      <button type="button" className="button small" onClick={() => void act(async () => (await desktopCall('desktop.openFile', { file: path }), null))} data-testid="file-open">
        打开
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => void act(async () => {
          const r = await desktopCall('desktop.saveFileAs', { file: path });
          return r.savedTo ? `已另存到 ${r.savedTo}` : null;
        })}
        data-testid="file-save-as"
      >
        另存为…
      </button>
      {isPdf && (
        <button type="button" className="button small" onClick={() => void act(async () => (await desktopCall('desktop.printFile', { file: path }), null))} data-testid="file-print">
          打印
        </button>
      )}
      {note && (
        <span className={note.kind === 'error' ? 'warn-text' : 'muted'} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="file-action-note">
          {note.text}
        </span>
      )}
    </div>
  );
}
