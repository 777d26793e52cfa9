// Shared UI bits for every area. Small and stable: add, do not change signatures.
export { Button, type ButtonVariant } from './Button';
export { Dialog, type DialogProps } from './Dialog';
export { ConfirmDialog } from './ConfirmDialog';
export { FileButton, readFileText } from './FileButton';
export { downloadBlob, downloadText, safeFileName } from './download';
export { notify, dismiss, messageStore, type Message, type MessageKind } from './messages';
export { MessageArea } from './MessageArea';
