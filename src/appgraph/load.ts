// The app-graph/1 loader lives in the shared app-graph package (packages/app-graph), which the replay driver uses too.
export * from '@govapp/app-graph/load';
