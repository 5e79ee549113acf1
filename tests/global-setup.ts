import type { TestProject } from "vitest/node";
import { startSharedServices } from "./helpers/shared-services.js";

/** Starts the shared sites and browser (tests/helpers/shared.ts), which build and launch on first use. */
export default async function setup(project: TestProject) {
  const services = await startSharedServices();
  project.provide("sharedServices", services.url);
  return () => services.close();
}
