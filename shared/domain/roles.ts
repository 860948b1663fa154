/** Who the local profile is; decides which views and actions are offered. */
export const roles = ['agent', 'qa', 'qa_lead', 'supervisor'] as const;
export type Role = (typeof roles)[number];
