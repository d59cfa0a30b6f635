// A text box with a length limit that says so: a counter ("12/500") tied to the box for screen readers,
// and, when a paste is longer than what is left, a line saying how much was cut. The browser's maxLength
// still stops the typing; alone it cuts a paste silently, and the person never learns the end is gone.
import { useId, useState, type ClipboardEvent, type InputHTMLAttributes, type Ref, type TextareaHTMLAttributes } from 'react';

type Common = { value: string; onValue: (value: string) => void; maxLength: number; testId?: string };
type InputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'maxLength'> & { inputRef?: Ref<HTMLInputElement> };
type AreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'maxLength'> & { inputRef?: Ref<HTMLTextAreaElement> };

/** How many characters of a paste do not fit: the selection it replaces is freed first. */
function overflowOf(e: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>, max: number): number {
  const box = e.currentTarget;
  const pasted = e.clipboardData.getData('text').length;
  const selected = (box.selectionEnd ?? 0) - (box.selectionStart ?? 0);
  return box.value.length - selected + pasted - max;
}

function useLimit(value: string, max: number) {
  const id = useId();
  const [cut, setCut] = useState(0);
  const onPaste = (e: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>) => setCut(Math.max(0, overflowOf(e, max)));
  const describedBy = cut > 0 ? `${id}-count ${id}-cut` : `${id}-count`;
  const footer = (testId?: string) => (
    <span className="limited-foot">
      {cut > 0 && (
        <span id={`${id}-cut`} className="warn-text limited-cut" role="status" data-testid={testId ? `${testId}-cut` : undefined}>
          粘贴的内容超过 {max} 字，后面的 {cut} 字没有粘贴进来
        </span>
      )}
      <span id={`${id}-count`} className={value.length >= max ? 'limited-count full' : 'limited-count'} data-testid={testId ? `${testId}-count` : undefined}>
        {value.length}/{max}
      </span>
    </span>
  );
  return { onPaste, describedBy, footer, clearCut: () => setCut(0) };
}

export function LimitedInput({ value, onValue, maxLength, testId, inputRef, type = 'text', ...rest }: InputProps) {
  const limit = useLimit(value, maxLength);
  return (
    <span className="limited">
      <input
        {...rest}
        ref={inputRef}
        type={type}
        value={value}
        maxLength={maxLength}
        onChange={(e) => {
          if (e.nativeEvent instanceof InputEvent && e.nativeEvent.inputType !== 'insertFromPaste') limit.clearCut();
          onValue(e.target.value);
        }}
        onPaste={limit.onPaste}
        aria-describedby={limit.describedBy}
        data-testid={testId}
      />
      {limit.footer(testId)}
    </span>
  );
}

export function LimitedTextArea({ value, onValue, maxLength, testId, inputRef, ...rest }: AreaProps) {
  const limit = useLimit(value, maxLength);
  return (
    <span className="limited">
      <textarea
        {...rest}
        ref={inputRef}
        value={value}
        maxLength={maxLength}
        onChange={(e) => {
          if (e.nativeEvent instanceof InputEvent && e.nativeEvent.inputType !== 'insertFromPaste') limit.clearCut();
          onValue(e.target.value);
        }}
        onPaste={limit.onPaste}
        aria-describedby={limit.describedBy}
        data-testid={testId}
      />
      {limit.footer(testId)}
    </span>
  );
}
