// Choosing one street of a draw, or all of them.
import type { DrawDetail } from '../../../shared/spotcheck';

/** The draw's streets that have sampled cases, in code order, as [code, name]. */
export function sampledStreets(draw: DrawDetail): [string, string][] {
  return [...new Map(draw.items.map((i) => [i.streetCode, i.streetName]))];
}

export function StreetSelect({ draw, value, onChange, all, testId }: { draw: DrawDetail; value: string; onChange: (code: string) => void; all: string; testId: string }) {
  return (
    <label className="field">
      <span>街道</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{all}</option>
        {sampledStreets(draw).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
