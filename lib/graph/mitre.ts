/** MITRE ATT&CK (Enterprise / Containers matrix) techniques the attack-graph edges map to. */
export interface MitreTechnique {
  id: string;
  name: string;
  url: string;
}

const t = (id: string, name: string): MitreTechnique => ({ id, name, url: `https://attack.mitre.org/techniques/${id.replace(".", "/")}/` });

export const MITRE = {
  validAccounts: t("T1078", "Valid Accounts"),
  cloudAccounts: t("T1078.004", "Valid Accounts: Cloud Accounts"),
  deployContainer: t("T1610", "Deploy Container"),
  containerAdminCommand: t("T1609", "Container Administration Command"),
  stealAppToken: t("T1528", "Steal Application Access Token"),
  containerApiCredentials: t("T1552.007", "Unsecured Credentials: Container API"),
  credentialsInFiles: t("T1552.001", "Unsecured Credentials: Credentials In Files"),
  additionalClusterRoles: t("T1098.006", "Account Manipulation: Additional Container Cluster Roles"),
  accountManipulation: t("T1098", "Account Manipulation"),
  forgeCertificates: t("T1649", "Steal or Forge Authentication Certificates"),
  escapeToHost: t("T1611", "Escape to Host"),
  eventTriggeredExecution: t("T1546", "Event Triggered Execution"),
  accessTokenManipulation: t("T1134", "Access Token Manipulation"),
} as const satisfies Record<string, MitreTechnique>;
