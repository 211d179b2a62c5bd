export * from './types.js';
export { reduceCaptions, createCaptionsState, selectCaptions, CAPTION_ENTRY_LIMIT } from './reduceCaptions.js';
export { reduceTranslation, createTranslationState, TRANSLATION_TEXT_LIMIT } from './reduceTranslation.js';
export { toPlainText, toWebVtt } from './exportCaptions.js';
