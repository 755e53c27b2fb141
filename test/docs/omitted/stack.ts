/**
 * Catalogue rows (see ../catalogue.ts) deliberately not implemented as stack policies, each with the
 * reason a reader of the README's coverage section needs.
 *
 * Every stack row of the catalogue (REG-A02, REG-A06, REG-A14, ENC-A01, ENC-A02, ENC-A04, ENC-A05,
 * ENC-A07, ACC-A16, ACC-A19, LOG-A01, LOG-A07..A11, LOG-A14, LOG-Z01..Z04, RES-A02..A05, RES-X01,
 * RES-Z01, STK-01, STK-02) is implemented by a policy under policypack/policies/stack, so none is
 * left out here.
 */
export const omitted: Readonly<Record<string, string>> = {};
