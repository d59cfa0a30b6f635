// The file to check: a native file input (keyboard reachable, its label the visible button), refused
// above 20 MB before a byte is read, then read whole into base64 for imports.check (FileReader's data URL). The input is emptied
// after each choice, so choosing the same file again, corrected in Excel meanwhile, checks it again.
import { useId } from 'react';
import { base64OfDataUrl, sizeProblem } from './model';

export type ChosenFile = { fileName: string; bytes: number; contentBase64: string };

type Props = {
  disabled: boolean;
  /** What to say of the file at hand (being read, checked, or the one shown); null before the first. */
  note: string | null;
  onReading: (fileName: string) => void;
  onRead: (file: ChosenFile) => void;
  onRefused: (message: string) => void;
};

export function FileChooser({ disabled, note, onReading, onRead, onRefused }: Props) {
  const hintId = useId();

  async function take(file: File) {
    const tooLarge = sizeProblem(file.name, file.size);
    if (tooLarge) return onRefused(tooLarge);
    onReading(file.name);
    try {
      onRead({ fileName: file.name, bytes: file.size, contentBase64: base64OfDataUrl(await readAsDataUrl(file)) });
    } catch (error) {
      onRefused(`读取“${file.name}”失败：${error instanceof Error ? error.message : String(error)}`);
    }
  }

  return (
    <div className="imp-chooser">
      <label className={disabled ? 'button primary imp-file-label disabled' : 'button primary imp-file-label'}>
        选择要导入的表格文件…
        <input
          type="file"
          accept=".xlsx,.xls,.csv"
          className="imp-file-input"
          disabled={disabled}
          aria-describedby={hintId}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void take(file);
          }}
          data-testid="import-file"
        />
      </label>
      <span id={hintId} className="muted small" data-testid="import-chosen">
        {note ?? '.xlsx、.xls 或 .csv，不超过 20 MB；选择后立即检查，检查不会写入任何数据'}
      </span>
    </div>
  );
}

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('文件无法读取'));
    reader.readAsDataURL(file);
  });
}
