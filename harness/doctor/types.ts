/** What `harness doctor` reports about one external tool. */
export interface ToolStatus {
  name: string;
  /** What harness uses it for. */
  purpose: string;
  /** Installed and, where a minimum version applies, recent enough. */
  present: boolean;
  version?: string;
  path?: string;
  /** The Debian 12 package that provides it (what `harness setup` installs). */
  debianPackage: string;
  /** What needs it: architectures, runtimes, commands. */
  requiredFor: string[];
  /** Why it is not usable, or a caveat (too old, daemon not answering). */
  note?: string;
}
