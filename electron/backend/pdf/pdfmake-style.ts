// A small change to pdfmake 0.3's StyleContextStack, applied when the PDF module loads, to send upstream
// beside pdfkit-content.ts. pdfmake looks up some twenty style properties for every text piece it
// measures (TextInlines.measure: font, bold, fontSize, color, decoration, link …), and each look-up pushes
// the piece onto the stack, makes a closure and a Set, walks the stack and pops again: on a 5,000-row
// notice that is about 800,000 look-ups, a fifth of the layout's time and much of its garbage. Here the
// same walk is done in place: the piece itself, then its named styles (last first, as autopush would
// have pushed them), then the stack from the top, then the default style. The answers, so the bytes, are
// the same (tests/integration/pdfmake-style.test.ts renders with and without it).
import * as styleModule from 'pdfmake/js/StyleContextStack.js';
import { cjsDefault } from './cjs-export';

type StyleDictionary = Record<string, Record<string, unknown> & { extends?: string | string[] }>;
type Stack = { styleDictionary: StyleDictionary; defaultStyle?: Record<string, unknown>; styleOverrides: unknown[]; getProperty(property: string): unknown };
type StackClass = {
  prototype: Stack;
  getStyleProperty(item: unknown, stack: Stack | null | undefined, property: string, defaultValue: unknown): unknown;
};

const isValue = (v: unknown): boolean => v !== undefined && v !== null;
const isString = (v: unknown): v is string => typeof v === 'string' || v instanceof String;

const stackClass = (): StackClass => cjsDefault<StackClass>(styleModule);

/** A named style's value, through its `extends` chain; `visited` is made only when a chain is followed. */
function fromStyle(dictionary: StyleDictionary, name: string, property: string, visited?: Set<string>): unknown {
  if (visited?.has(name)) return undefined;
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  const seen = visited ?? new Set<string>();
  seen.add(name);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    const value = fromStyle(dictionary, parents[i]!, property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

/** StyleContextStack.prototype.getProperty, without the closure. */
function stackProperty(stack: Stack, property: string): unknown {
  const overrides = stack.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item = overrides[i] as Record<string, unknown> | string;
      if (isString(item)) {
        const value = fromStyle(stack.styleDictionary, String(item), property);
        if (isValue(value)) return value;
      } else if (isValue(item[property])) {
        return item[property];
      }
    }
  }
  return stack.defaultStyle && stack.defaultStyle[property];
}

/** StyleContextStack.getStyleProperty, as autopush + getProperty + pop would answer it. */
function styleProperty(item: unknown, stack: Stack | null | undefined, property: string, defaultValue: unknown): unknown {
  const own = item as Record<string, unknown>;
  if (isValue(own[property])) return own[property];
  if (!stack) return defaultValue;
  // autopush pushes nothing for a string or a section; otherwise the item's named styles, then the item,
  // whose own value was just found missing.
  if (!isString(item) && typeof own.section === 'undefined' && own.style) {
    const names = Array.isArray(own.style) ? (own.style as string[]) : [own.style as string];
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i]!;
      const value = isString(name) ? fromStyle(stack.styleDictionary, String(name), property) : (name as Record<string, unknown>)[property];
      if (isValue(value)) return value;
    }
  }
  const value = stackProperty(stack, property);
  return isValue(value) ? value : defaultValue;
}

let original: { getStyleProperty: StackClass['getStyleProperty']; getProperty: Stack['getProperty'] } | null = null;

/** Turns the faster look-ups on (render.ts, when it loads) or off (the test that compares the bytes). */
export function fastPdfmakeStyleLookups(on = true): void {
  const Class = stackClass();
  if (!on) {
    if (original) {
      Class.getStyleProperty = original.getStyleProperty;
      Class.prototype.getProperty = original.getProperty;
    }
    original = null;
    return;
  }
  if (original) return;
  original = { getStyleProperty: Class.getStyleProperty, getProperty: Class.prototype.getProperty };
  Class.getStyleProperty = styleProperty;
  Class.prototype.getProperty = function (this: Stack, property: string) {
    return stackProperty(this, property);
  };
}
