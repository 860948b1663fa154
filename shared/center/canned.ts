/**
 * Canned replies (快捷回复) carry variables such as {customer.name} and {agent.name}.
 * Known variables are filled in; unknown ones stay as typed, so a typo is visible
 * in the reply box instead of silently vanishing.
 */
export const cannedVariables = ['customer.name', 'agent.name', 'queue.name', 'ticket.number'] as const;
export type CannedVariable = (typeof cannedVariables)[number];

export function fillCannedReply(text: string, values: Partial<Record<CannedVariable, string>>): string {
  return text.replace(/\{([a-z]+\.[a-z]+)\}/gi, (whole, name: string) => {
    const value = values[name as CannedVariable];
    return value === undefined || value === '' ? whole : value;
  });
}
