// The Electron binary for these specs, found the same way `npm test` decides whether to run them.
export { electronBinary, noElectronMessage } from '../../scripts/electron-binary.mjs';
