import type { HandlerMap } from '../handlers/registry';
import { writeCommunityCaseList } from './community-cases';
import { resolveFonts } from './fonts';

export const pdfHandlers: HandlerMap<'pdf.communityCases' | 'fonts.report'> = {
  'pdf.communityCases': async (args, ctx, caller) => {
    const user = caller.signedIn();
    return writeCommunityCaseList(ctx, user.id, user.regionCode, args.communityCode);
  },
  'fonts.report': async (_args, ctx) => {
    const { fonts, officialMissing } = resolveFonts({
      bundledDir: ctx.paths.bundledFontsDir,
      ...(ctx.paths.systemFontDirs ? { systemDirs: ctx.paths.systemFontDirs } : {}),
    });
    return { fonts: Object.values(fonts), officialMissing };
  },
};
