import { newId } from '../model/ids';

/** This tab's id: written as `writer` on every saved revision so tabs tell their saves apart. */
export const TAB_ID = newId('tab_');
