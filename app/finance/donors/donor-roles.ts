// Who may read donors' records: their names, addresses and every gift are personal data, which
// finance, resource mobilization and admins need and programme officers do not.
export const DONOR_ROLES = ['FINANCE', 'RESOURCE_MOBILIZATION', 'ADMIN'] as const;
