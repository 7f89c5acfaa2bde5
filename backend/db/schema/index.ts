export * from './workspace';
export * from './support';
export * from './settings';
export * from './routing';
export * from './billing';
export * from './audit';
export * from './notifications';
export * from './integrity';
