// A text box with a length limit that says so: a counter ("12/500") tied to the box for screen readers,
// and, when a paste is longer than what is left, a line saying how much was cut. The browser's maxLength
// still stops the typing; alone it cuts a paste silently, and the person never learns the end is gone.
import { useId, useState, type ChangeEvent, type ClipboardEvent, type InputHTMLAttributes, type Ref, type TextareaHTMLAttributes } from 'react';

type Common = {
  value: string;
  onValue: (value: string) => void;
  maxLength: number;
  testId?: string;
  /** Further descriptions of the box (a refusal shown under it), read with the counter. */
  'aria-describedby'?: string;
};
type InputProps = Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'maxLength'> & { inputRef?: Ref<HTMLInputElement> };
type AreaProps = Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'maxLength'> & { inputRef?: Ref<HTMLTextAreaElement> };

/** How many characters of a paste do not fit: the selection it replaces is freed first. */
function overflowOf(e: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>, max: number): number {
  const box = e.currentTarget;
  const pasted = e.clipboardData.getData('text').length;
  const selected = (box.selectionEnd ?? 0) - (box.selectionStart ?? 0);
  return box.value.length - selected + pasted - max;
}

/** What both kinds of box share: the limit, the counter and cut line, and the handlers that keep them. */
function useLimit({ value, onValue, maxLength: max, testId, 'aria-describedby': also }: Common) {
  const id = useId();
  const [cut, setCut] = useState(0);
  const onPaste = (e: ClipboardEvent<HTMLInputElement | HTMLTextAreaElement>) => setCut(Math.max(0, overflowOf(e, max)));
  const describedBy = [also, `${id}-count`, cut > 0 ? `${id}-cut` : undefined].filter(Boolean).join(' ');
  const footer = (
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
  const field = {
    value,
    maxLength: max,
    // Typing after a cut paste means the person has seen it; a further paste says so again itself.
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.nativeEvent instanceof InputEvent && e.nativeEvent.inputType !== 'insertFromPaste') setCut(0);
      onValue(e.target.value);
    },
    onPaste,
    'aria-describedby': describedBy,
    'data-testid': testId,
  };
  return { field, footer };
}

export function LimitedInput({ value, onValue, maxLength, testId, inputRef, type = 'text', 'aria-describedby': also, ...rest }: InputProps) {
  const limit = useLimit({ value, onValue, maxLength, testId, 'aria-describedby': also });
  return (
    <span className="limited">
      <input {...rest} ref={inputRef} type={type} {...limit.field} />
      {limit.footer}
    </span>
  );
}

export function LimitedTextArea({ value, onValue, maxLength, testId, inputRef, 'aria-describedby': also, ...rest }: AreaProps) {
  const limit = useLimit({ value, onValue, maxLength, testId, 'aria-describedby': also });
  return (
    <span className="limited">
      <textarea {...rest} ref={inputRef} {...limit.field} />
      {limit.footer}
    </span>
  );
}
