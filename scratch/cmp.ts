import { writeFileSync } from 'node:fs';
import { buildManifest } from '../shared/sampling/manifest';
const streets = ['430188001', '430188002', '430188003', '430188101'];
const entries = Array.from({ length: 3000 }, (_, i) => ({ street: streets[i % 4]!, outcome: (i % 5 === 0 ? 'rejected' : 'approved') as 'approved' | 'rejected', caseNo: `${streets[i % 4]}-2026${String(1 + (i % 12)).padStart(2, '0')}-${String(i).padStart(4, '0')}`, mandatory: i % 37 === 3 }));
entries.push({ street: '430188001', outcome: 'approved', caseNo: '望江-补录-𠀀1', mandatory: false });
entries.push({ street: '430188001', outcome: 'approved', caseNo: 'Ａ-全角-0001', mandatory: true });
writeFileSync('/tmp/cmp-m.txt', buildManifest(entries).text);
