// Replaced at build time from FOLIO_BUILD_ID (vite.config.ts), so two builds can be told apart.
declare const __FOLIO_BUILD_ID__: string;

export const BUILD_ID: string = __FOLIO_BUILD_ID__;
