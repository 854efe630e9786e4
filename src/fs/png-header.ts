// The PNG header check lives in the shared app-graph package (packages/app-graph), which the replay driver uses too.
export * from '@govapp/app-graph/fs/png-header';
