export async function completionScript(shell: string): Promise<string> {
  return shell;
}
