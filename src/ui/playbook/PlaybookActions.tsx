/** Placeholder: playbook export/import buttons for the top bar (built by the editors issue). */
export default function PlaybookActions() {
  return null;
}
