// The application menu, in Chinese, as plain data (no 'electron' import at run time) so tests can read it.
// Developer tools and reload exist only in an unpackaged build.
import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopFolder } from '../shared/desktop-channels';

export type MenuActions = { showFolder: (folder: DesktopFolder) => void; about: () => void };

export function menuTemplate(actions: MenuActions, options: { packaged: boolean }): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = [
    { label: '放大', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
    { label: '缩小', role: 'zoomOut' },
    { label: '实际大小', role: 'resetZoom' },
    { type: 'separator' },
    { label: '全屏（投影）', role: 'togglefullscreen' },
  ];
  if (!options.packaged) view.push({ type: 'separator' }, { label: '重新加载', role: 'reload' }, { label: '开发者工具', role: 'toggleDevTools' });
  return [
    {
      label: '文件',
      submenu: [
        { label: '打开导出文件夹', click: () => actions.showFolder('exports') },
        { label: '打开数据文件夹', click: () => actions.showFolder('data') },
        { label: '打开备份文件夹', click: () => actions.showFolder('backups') },
        { label: '打开日志文件夹', click: () => actions.showFolder('logs') },
        { type: 'separator' },
        { label: '退出', role: 'quit' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', role: 'undo' },
        { label: '重做', role: 'redo' },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '视图', submenu: view },
    { label: '帮助', submenu: [{ label: '关于联审联批工作台', click: () => actions.about() }] },
  ];
}
