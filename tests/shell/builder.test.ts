// electron-builder.yml checked with electron-builder's own loader and schema (what `npm run dist` would
// read), and the parts the design asks for: targets for Windows and 国产 Linux on x64 and arm64, native
// modules outside the asar, fonts as resources, and the fuses (file:// without its extra privileges since the page moved to app://).
import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'app-builder-lib';

async function load(): Promise<Configuration> {
  return getConfig(process.cwd(), 'electron-builder.yml', null);
}

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // The validation can fail: a misspelt key is refused.
    await expect(validateConfiguration({ ...config, electronFusez: {} } as Configuration, new DebugLogger(false))).rejects.toThrow(/electronFusez/);
  });

  it('builds NSIS for Windows x64 and deb and AppImage for Linux x64 and arm64', async () => {
    const config = await load();
    const targets = (platform: 'win' | 'linux') => ((config[platform] as { target: { target: string; arch: string[] }[] }).target ?? []).map((t) => `${t.target}:${t.arch.join('+')}`);
    expect(targets('win')).toEqual(['nsis:x64']);
    expect(targets('linux')).toEqual(['deb:x64+arm64', 'AppImage:x64+arm64']);
  });

  it('packs the built app, keeps native modules outside the asar and the fonts as resources', async () => {
    const config = await load();
    expect(config.asar).toBe(true);
    // The loader gathers the file patterns into one filter set.
    const files = (config.files as (string | { filter?: string[] })[]).flatMap((f) => (typeof f === 'string' ? [f] : (f.filter ?? [])));
    expect(files).toEqual(['dist/renderer/**', 'dist-electron/**', 'package.json', '!**/*.map']);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/*.node']));
    expect(config.extraResources).toEqual(expect.arrayContaining([{ from: 'templates/fonts', to: 'templates/fonts' }]));
    expect(config.npmRebuild).toBe(true);
  });

  it('flips the security fuses', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      // The page is served from app:// (electron/app-protocol.ts), so file:// needs no extra privileges.
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
