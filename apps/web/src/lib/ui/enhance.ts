import { enhance } from '$app/forms';
import { invalidateAll } from '$app/navigation';
import { tick } from 'svelte';

/**
 * `use:enhance`, made to show exactly what the page shows without JavaScript:
 * - after a refusal the page's data is loaded again (as a full page would be), so a CONFLICT shows
 *   what is saved now and the next submit carries the current version;
 * - after a redirect or a refusal the form is reset to what the page now shows. The fields set
 *   defaultValue/defaultChecked (hydration must keep what was typed before the JavaScript loaded), so
 *   a field someone typed in would otherwise keep its text: an "Add ..." form would still hold the
 *   record just added, and a refused form would not show what the server chose to show.
 */
export function enhanceForm(form: HTMLFormElement): { destroy(): void } {
  return enhance(form, () => async ({ result, update }) => {
    // Fresh data first, so the errors and what is saved now appear together.
    if (result.type === 'failure') await invalidateAll();
    await update();
    if (result.type === 'redirect' || result.type === 'failure') {
      await tick();
      HTMLFormElement.prototype.reset.call(form);
    }
  });
}
