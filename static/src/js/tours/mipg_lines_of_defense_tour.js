/** @odoo-module **/
// Copyright 2026 Alcaldía de Pasto
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import {registry} from "@web/core/registry";

const tours = registry.category("web_tour.tours");

// The Internal Control Office opens an action and finds neither an edit nor
// a create button: it audits, it does not execute.
tours.add("mipg_tour_oci_read_only", {
    steps: () => [
        {
            content: "The actions of every process are listed",
            trigger: ".o_list_view .o_data_row:contains('Conciliar cuentas bancarias')",
        },
        {
            content: "No New button on the list",
            trigger: ".o_list_view:not(:has(.o_list_button_add))",
        },
        {
            content: "Open the action",
            trigger: ".o_data_row td.o_data_cell:contains('Conciliar cuentas bancarias')",
            run: "click",
        },
        {
            content: "The form is read-only",
            trigger: ".o_form_view .o_form_readonly:contains('Conciliar cuentas bancarias')",
        },
        {
            content: "No New nor Save button, no editable field",
            trigger:
                ".o_action_manager:not(:has(.o_form_button_create)):not(:has(.o_form_button_save))" +
                ":not(:has(.o_form_view .o_field_widget[name=name] input))",
        },
        {
            content: "The follow-ups are shown without an add line",
            trigger:
                ".o_form_view .o_field_widget[name=followup_ids]:not(:has(.o_field_x2many_list_row_add))",
        },
    ],
});

// A process leader moves their own action from "Hacer" (2.3) to monitoring
// (3.1) on the board, and finds no action of another process there.
tours.add("mipg_tour_first_line_board", {
    steps: () => [
        {
            content: "Their action is in stage 2.3",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('2.3')) " +
                ".o_kanban_record:contains('Conciliar cuentas bancarias')",
        },
        {
            content: "The action of another process is not on the board",
            trigger: ".o_kanban_renderer:not(:has(.o_kanban_record:contains('Vacunación escolar')))",
        },
        {
            content: "Drag their action to stage 3.1",
            trigger: ".o_kanban_record:contains('Conciliar cuentas bancarias')",
            run: "drag_and_drop(.o_kanban_group:has(.o_column_title:contains('3.1')))",
        },
        {
            content: "The action is now in stage 3.1",
            trigger:
                ".o_kanban_group:has(.o_column_title:contains('3.1')) " +
                ".o_kanban_record:contains('Conciliar cuentas bancarias')",
        },
    ],
});

// Opening another process's action by its address is refused.
tours.add("mipg_tour_first_line_forbidden", {
    steps: () => [
        {
            content: "An access error is shown instead of the action",
            trigger: ".modal .o_error_dialog, .modal:contains('Access Error')",
        },
        {
            content: "The action of the other process is not displayed",
            trigger: "body:not(:has(.o_form_view:contains('Vacunación escolar')))",
        },
    ],
});

// The Internal Control Office grades an overdue action from the
// "Evaluación independiente" board.
tours.add("mipg_tour_oci_evaluation", {
    steps: () => [
        {
            content: "The overdue action waits for its evaluation",
            trigger: ".o_kanban_record:contains('Publicar el normograma') .o_mipg_evaluate",
            run: "click",
        },
        {
            content: "Grade the progress",
            trigger: ".modal .o_field_widget[name=progress] input",
            run: "edit 100",
        },
        {
            content: "Give the effectiveness verdict",
            trigger: ".modal .o_field_widget[name=effective] select",
            run: 'select "effective"',
        },
        {
            content: "Explain what was verified",
            trigger: ".modal .o_field_widget[name=description] textarea",
            run: "edit Normograma publicado en la sede electrónica.",
        },
        {
            content: "Validate the evaluation",
            trigger: ".modal .modal-footer button[name=action_validate]",
            run: "click",
        },
        {
            content: "The dialog closes",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
