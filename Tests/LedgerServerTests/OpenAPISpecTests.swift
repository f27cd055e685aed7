import Foundation
import LedgerTestSupport
import Testing

/// `Schemas/openapi.yaml` is a valid OpenAPI 3.1 document (openapi-spec-validator, from
/// PyPI, installed by `.ci/run`; under `CI=1` a missing validator fails).
@Suite struct OpenAPISpecTests {
    @Test func theSpecIsValid() throws {
        let script = """
            import sys
            try:
                from openapi_spec_validator import validate
                from openapi_spec_validator.readers import read_from_filename
            except ImportError:
                print("missing"); sys.exit(3)
            spec, _ = read_from_filename(sys.argv[1])
            validate(spec)
            print("valid")
            """
        let result = try run("/usr/bin/env", ["python3", "-c", script, packageRoot + "/Schemas/openapi.yaml"])
        if result.status == 3 && ProcessInfo.processInfo.environment["CI"] == nil {
            print("openapi-spec-validator is not installed; .ci/run installs it")
            return
        }
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("valid"))
    }
}
