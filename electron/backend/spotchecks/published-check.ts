// The desk's 验证: reads back the files the export wrote (manifest, seed, sample) from the export
// folder, byte for byte, and runs on them the check the CLI's `sample verify` and verify.html run
// (shared/sampling/verify-published.ts), at the rate the draw recorded. Files that check out among
// themselves must then also be this draw's: the manifest it froze and the seed it was drawn with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { canInspect } from '../../../shared/access';
import type { SessionUser } from '../../../shared/domain';
import { AppError } from '../../../shared/result';
import { seedFromFile, verifyPublished, type PublishedVerdict } from '../../../shared/sampling/verify-published';
import type { PublishedCheck } from '../../../shared/spotcheck';
import { appendAudit } from '../audit/audit-log';
import type { BackendContext } from '../context';
import type { ExportedFile } from '../pdf/print';
import { assertAllowed } from '../session/access';
import { loadDraw } from './draw-view';
import { publishedFileName } from './documents';

/** A published file as read; `text` is null where its bytes are not UTF-8. */
type Read = { file: ExportedFile; text: string | null };

function readPublished(ctx: BackendContext, fileName: string, what: string): Read {
  const path = join(ctx.paths.exportDir, fileName);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new AppError('not-found', `还没有这次抽样的公布文件：找不到${what} ${fileName}。请先点“导出公布文件”。`);
  }
  const file = { fileName, path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  try {
    return { file, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    // Not decodable is a verdict on the file, as the CLI's refusal is, not a failure of the button.
    return { file, text: null };
  }
}

function verdict(draw: { rate_percent: number; manifest_sha256: string; seed: string }, manifest: Read, seed: Read, sample: Read): PublishedVerdict {
  if (manifest.text === null || seed.text === null || sample.text === null) {
    const bad = [manifest, seed, sample].find((r) => r.text === null)!;
    return { verdict: 'unverifiable', message: `${bad.file.fileName} 不是有效的 UTF-8 文本` };
  }
  const seedDigits = seedFromFile(seed.text);
  const result = verifyPublished({ manifestText: manifest.text, seed: seedDigits, rate: draw.rate_percent, sampleText: sample.text });
  if (result.verdict !== 'match') return result;
  if (result.manifestSha256 !== draw.manifest_sha256) {
    return { verdict: 'differs', manifestSha256: result.manifestSha256, difference: `公布的抽查清单（SHA-256 ${result.manifestSha256}）不是这次抽样冻结的清单（SHA-256 ${draw.manifest_sha256}）` };
  }
  if (seedDigits !== draw.seed) return { verdict: 'differs', manifestSha256: result.manifestSha256, difference: `公布的随机种子 ${seedDigits} 不是这次抽样使用的种子 ${draw.seed}` };
  return result;
}

export async function checkPublished(ctx: BackendContext, user: SessionUser, drawId: string): Promise<PublishedCheck> {
  assertAllowed(canInspect(user, '复核抽样'));
  const draw = await loadDraw(ctx.db, drawId, user);
  const manifest = readPublished(ctx, publishedFileName(drawId, 'manifest'), '抽查清单');
  const seed = readPublished(ctx, publishedFileName(drawId, 'seed'), '随机种子文件');
  const sample = readPublished(ctx, publishedFileName(drawId, 'sample'), '样本文件');
  const files = [manifest.file, seed.file, sample.file];
  const result = verdict(draw, manifest, seed, sample);
  await appendAudit(
    ctx.db,
    { actorId: user.id, action: 'spotcheck.verify', entity: 'spot_check_draw', entityId: drawId, details: { verdict: result.verdict, files: files.map((f) => ({ fileName: f.fileName, sha256: f.sha256 })) } },
    ctx.clock.now(),
  );
  return { result, rate: draw.rate_percent, files };
}
