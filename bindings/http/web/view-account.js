// Account: profile, job-search preferences, password, data export, account deletion.

import * as api from "./api.js";
import {
  announce, busy, button, confirmDialog, field, fieldError, form, h, heading, saveBlob, submit, uid,
} from "./ui.js";

const JOB_TYPES = ["Full-time", "Part-time", "Contract", "Freelance", "Internship", "Temporary"];

export async function accountView({ app }) {
  const user = await app.refreshUser();
  const prefs = user.preferences || {};

  const profile = form({ "aria-labelledby": "profile-title" }, [
    h("p", {}, "E-mail: ", h("strong", {}, user.email)),
    h("div", { class: "form-grid" },
      field({ label: "Name", name: "name", value: user.name, autocomplete: "name", required: true }),
      field({ label: "Phone", name: "phone", type: "tel", value: user.phone || "", autocomplete: "tel" }),
      field({ label: "Location", name: "location", value: user.location || "" }),
      field({ label: "LinkedIn URL", name: "linkedin_url", type: "url", value: user.linkedin_url || "" }),
      field({ label: "GitHub URL", name: "github_url", type: "url", value: user.github_url || "" })),
    field({ label: "About you", name: "bio", kind: "textarea", rows: "3", value: user.bio || "", hint: "Up to 1,000 characters." }),
    h("div", { class: "actions" }, submit("Save profile")),
  ], async (values) => {
    // The six keys, "" for empty fields (which clears them).
    const body = {};
    for (const key of ["name", "phone", "location", "linkedin_url", "github_url", "bio"]) body[key] = values[key].trim();
    app.user = await api.put("/v2/auth/profile", body);
    announce("Profile saved.");
  });

  const typeBoxes = JOB_TYPES.map((type) => {
    const id = uid("job-type");
    return h("div", { class: "field check" },
      h("input", { type: "checkbox", id, name: "job_types", value: type, checked: (prefs.job_types || []).includes(type) }),
      h("label", { for: id }, type));
  });
  const preferences = form({ "aria-labelledby": "prefs-title" }, [
    h("fieldset", {}, h("legend", {}, "Job types"), h("div", { class: "checks" }, typeBoxes)),
    h("div", { class: "form-grid" },
      field({ label: "Minimum salary (per year)", name: "min_salary", type: "number", min: "0", step: "1000", value: prefs.min_salary ?? 0, inputmode: "numeric" }),
      field({ label: "Preferred locations", name: "preferred_locations", value: (prefs.preferred_locations || []).join(", "), hint: "Comma-separated, e.g. Berlin, Remote." }),
      field({ label: "Results per page", name: "items_per_page", type: "number", min: "1", max: "100", value: prefs.items_per_page ?? 20, inputmode: "numeric" })),
    field({ label: "Remote jobs only", name: "remote_only", kind: "checkbox", value: prefs.remote_only }),
    field({ label: "Show company logos", name: "show_company_logos", kind: "checkbox", value: prefs.show_company_logos }),
    h("div", { class: "actions" }, submit("Save preferences")),
  ], async (values) => {
    await api.put("/v2/auth/preferences", {
      job_types: values.job_types,
      min_salary: values.min_salary === "" ? null : Number(values.min_salary),
      preferred_locations: values.preferred_locations,
      remote_only: values.remote_only,
      items_per_page: Number(values.items_per_page),
      show_company_logos: values.show_company_logos,
    });
    announce("Preferences saved.");
  });

  const password = user.has_password
    ? form({ "aria-labelledby": "password-title" }, [
      field({ label: "Current password", name: "current_password", type: "password", autocomplete: "current-password", required: true }),
      field({ label: "New password", name: "new_password", type: "password", autocomplete: "new-password", required: true, hint: "At least 8 characters." }),
      field({ label: "Repeat the new password", name: "repeat_password", type: "password", autocomplete: "new-password", required: true }),
      h("div", { class: "actions" }, submit("Change password")),
    ], async (values, node) => {
      if (values.new_password !== values.repeat_password) {
        return fieldError(node, "repeat_password", "The two new passwords differ.");
      }
      const answer = await api.put("/v2/auth/change-password", {
        current_password: values.current_password, new_password: values.new_password,
      });
      node.reset();
      announce(`${answer.message}. Other devices were signed out.`);
      return undefined;
    })
    : h("p", {}, "This account signs in with Google and has no password.");

  const exportButton = button("Download my data (JSON)", (event) => busy(event.currentTarget, async () => {
    const file = await api.download("/v2/auth/export-data", "aligncv-export.json");
    saveBlob(file.blob, file.name);
    announce(`Downloaded ${file.name}.`);
  }), { class: "secondary" });

  const deleteButton = button("Delete my account", (event) => busy(event.currentTarget, async () => {
    const ok = await confirmDialog(
      `This deletes your account (${user.email}), your résumés, versions, bookmarks, applications and notifications. It cannot be undone.`,
      "Delete my account", "Delete your account?");
    if (!ok) return;
    await api.del("/v2/auth/account");
    app.endSession();
    await app.navigate("#/signin");
    announce("Your account and all its data were deleted.");
  }), { class: "danger" });

  return h("section", {},
    heading("Account"),
    h("div", { class: "grid" },
      h("section", { class: "panel" }, h("h2", { id: "profile-title" }, "Profile"), profile),
      h("section", { class: "panel" }, h("h2", { id: "prefs-title" }, "Job-search preferences"), preferences),
      h("section", { class: "panel" }, h("h2", { id: "password-title" }, "Password"), password),
      h("section", { class: "panel" },
        h("h2", {}, "Your data"),
        h("p", {}, "Everything AlignCV holds about you, as one JSON file (no passwords or files)."),
        exportButton,
        h("h2", { class: "danger-title" }, "Delete the account"),
        h("p", {}, "Removes the account and everything linked to it."),
        deleteButton)),
  );
}
