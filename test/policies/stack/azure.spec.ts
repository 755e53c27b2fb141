import { usePack } from "../../support/cases";
import { assertClean, azureStack } from "./support";

describe("stack: Azure", function () {
    const pack = usePack();
    it("a compliant Azure ML platform gives no finding", async () => {
        assertClean(await pack().analyzeStack(azureStack()));
    });
});
