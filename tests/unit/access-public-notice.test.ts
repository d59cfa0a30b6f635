// A standing public-notice list may be printed by any office of its district, by nobody outside it; the
// batch notices and every other record keep the narrower jurisdiction rule.
import { describe, expect, it } from 'vitest';
import { canPrintPublicNotice, canRead } from '../../shared/access';

const street = { id: 'u1', role: 'street_staff', regionCode: '430188001' } as const;
const bureau = { id: 'u2', role: 'bureau_chief', regionCode: '430188' } as const;

describe('canPrintPublicNotice', () => {
  it('allows a neighbouring street and the bureau of the same district', () => {
    expect(canPrintPublicNotice(street, '430188004002', '社区')).toBeNull();
    expect(canPrintPublicNotice(bureau, '430188004002', '社区')).toBeNull();
    // …while reading the neighbour's records stays refused.
    expect(canRead(street, '430188004002', '社区')).not.toBeNull();
  });
  it('refuses another district, whoever asks', () => {
    expect(canPrintPublicNotice(street, '430199001001', '这个社区')?.message).toBe('这个社区不在本区，不能打印它的公示名单');
    expect(canPrintPublicNotice(bureau, '430199001001', '社区')?.code).toBe('forbidden');
  });
});
