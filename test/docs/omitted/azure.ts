/**
 * Catalogue rows (see ../catalogue.ts) deliberately not implemented as azure policies, each with the
 * reason a reader of the README's coverage section needs.
 *
 * Every Azure resource-level row is implemented. Parts of rows that were deliberately left out or
 * changed (the row itself is implemented, so it cannot be listed here):
 * - REG-Z08: only the quarantine half (azure-acr-quarantine-enabled); the content-trust half is not
 *   required because Azure is retiring Docker Content Trust (Notary v1) in favour of Notation signing.
 * - ACC-Z15: an empty allowedFqdnList with restrictOutboundNetworkAccess true is accepted (it allows
 *   no destination at all, stricter than the catalogue's "non-empty list").
 * - ACC-Z06: the compute-instance default for enableNodePublicIp is taken as true (the SDK fills true
 *   for clusters; instances get a public IP unless told otherwise).
 */
export const omitted: Readonly<Record<string, string>> = {};
