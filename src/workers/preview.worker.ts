/// <reference lib="webworker" />
/**
 * The editors' live previews ("N of M accounts match", segment counts) on large datasets, off
 * the main thread. At a million accounts the page used to read the stored activity, link it to
 * the accounts and compute windowed aggregates itself: the Health view froze for seconds when
 * opened and every keystroke in a CTA trigger cost 100–400 ms (issue 17 point 5). What it
 * computes and keeps: previewReads.ts.
 */
import { answerPreview, type PreviewRequest } from './previewReads';

self.onmessage = async (ev: MessageEvent<PreviewRequest>) => {
  self.postMessage(await answerPreview(ev.data));
};
