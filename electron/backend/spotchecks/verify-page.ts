// verify.html as published: the page of templates/verify-page.ts with its script, the bundled verifier.
// The packaged app has the bundle inlined in main.cjs at build time (scripts/build-electron.mjs defines
// JRD_VERIFIER_SCRIPT), as it has no esbuild; run from source, the bundle is made on first use.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/result';
import { VERIFY_PAGE_STYLE, verifyPageHtml } from '../../../templates/verify-page';

declare const JRD_VERIFIER_SCRIPT: string | undefined;

let fromSource: Promise<string> | null = null;

async function verifierScript(): Promise<string> {
  if (typeof JRD_VERIFIER_SCRIPT === 'string') return JRD_VERIFIER_SCRIPT;
  fromSource ??= import('../../../scripts/verifier-bundle.mjs')
    .then((m) => m.bundleVerifier())
    .catch((error: unknown) => {
      fromSource = null;
      throw new AppError('internal', `无法生成 verify.html：${error instanceof Error ? error.message : String(error)}`);
    });
  return fromSource;
}

const base64Sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The self-contained verify.html: the same bytes for every draw, so its hash can be published once. */
export async function verifyPage(): Promise<string> {
  const script = await verifierScript();
  return verifyPageHtml({ script, scriptSha256: base64Sha256(script), styleSha256: base64Sha256(VERIFY_PAGE_STYLE) });
}
