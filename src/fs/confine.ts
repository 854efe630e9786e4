// Confined reads inside a bundle or app-graph directory lives in the shared app-graph package (packages/app-graph), which the replay driver uses too.
export * from '@govapp/app-graph/fs/confine';
