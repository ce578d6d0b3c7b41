/** @odoo-module **/
// Copyright 2026 Alcaldía de Pasto
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/** The 5x5 heat maps of the risks, inherent beside residual: each cell
 * shows how many risks the user reads fall in it; a click lists them. */
export class MipgRiskHeatMap extends Component {
    static template = "mipg.RiskHeatMap";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ maps: [] });
        const context = this.props.action?.context || {};
        this.processId = context.active_process_id || false;
        onWillStart(async () => {
            const data = await this.orm.call("mipg.risk", "mipg_heat_map_data", [], {
                process_id: this.processId,
            });
            this.state.maps = data.maps;
        });
    }

    openCell(map, row, cell) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("%(title)s: %(probability)s × %(impact)s", {
                title: map.title,
                probability: row.probability,
                impact: map.impacts[cell.impact - 1],
            }),
            res_model: "mipg.risk",
            domain: cell.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
        });
    }
}

registry.category("actions").add("mipg_risk_heat_map", MipgRiskHeatMap);
