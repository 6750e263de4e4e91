/** Model files in and out: zip export/import with a model card, dropped folders, URLs, a download cache, public pretrained models. */
export * from './artifacts';
export * from './model-card';
export * from './zip';
export * from './files';
export * from './url';
export * from './cache';
export * from './catalogue';
