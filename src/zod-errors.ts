// zod issue → one error line lives in the shared app-graph package (packages/app-graph), which the replay driver uses too.
export * from '@govapp/app-graph/zod-errors';
