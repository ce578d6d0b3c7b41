/** @odoo-module **/
// Copyright 2026 Alcaldía de Pasto
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

// A process leader reports progress in the natural order: from the action,
// a new follow-up, the evidence uploaded before the first save, then save
// and submit. The Python side checks that the second line can open it.
registry.category("web_tour.tours").add("mipg_tour_followup_upload", {
    steps: () => [
        {
            content: "The action's form shows its follow-ups",
            trigger: ".o_form_view .oe_stat_button:contains('Follow-ups')",
            run: "click",
        },
        {
            content: "A new follow-up",
            trigger: ".o_list_view .o_list_button_add",
            run: "click",
        },
        {
            content: "The follow-up is for the action it came from",
            trigger: ".o_form_view .o_field_widget[name=action_id] input:value('Publicar el informe de gestión')",
        },
        {
            content: "The progress reached",
            trigger: ".o_form_view .o_field_widget[name=progress] input",
            run: "edit 35 && press Tab",
        },
        {
            content: "The progress is taken",
            trigger: ".o_form_view .o_field_widget[name=progress] .o_progress[aria-valuenow='35']",
        },
        {
            content: "Open the Evidence tab",
            trigger: ".o_notebook .nav-link:contains('Evidence')",
            run: "click",
        },
        {
            content: "Upload the evidence before the first save",
            // The file input itself is hidden behind the Attach button.
            trigger: ".o_field_widget[name=evidence_ids]",
            run() {
                const input = document.querySelector(
                    ".o_field_widget[name=evidence_ids] input[type=file]"
                );
                const files = new DataTransfer();
                files.items.add(
                    new File(["acta del comité firmada"], "acta_comite.txt", {type: "text/plain"})
                );
                input.files = files.files;
                input.dispatchEvent(new Event("change", {bubbles: true}));
            },
        },
        {
            content: "The file is listed",
            trigger: ".o_field_widget[name=evidence_ids] .o_attachment:contains('acta_comite')",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Submit it to the second line",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "Submitted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Submitted')",
        },
    ],
});
