package io.roundtrip.models.sql.datatests;

import static org.assertj.core.api.Assertions.assertThat;

import io.roundtrip.models.sql.project.NodeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestVerdictTest {

  @Test
  void failingRowsFailAnErrorTestAndWarnAWarnTest() {
    assertThat(TestVerdict.of(NodeConfig.EMPTY, 0)).isEqualTo("pass");
    assertThat(TestVerdict.of(NodeConfig.EMPTY, 3)).isEqualTo("fail");
    assertThat(TestVerdict.of(new NodeConfig(Map.of("severity", "warn")), 3)).isEqualTo("warn");
    assertThat(TestVerdict.of(new NodeConfig(Map.of("severity", "WARN")), 0)).isEqualTo("pass");
  }

  @Test
  void thresholdsDecideAsDbtsWarnIfAndErrorIf() {
    NodeConfig config = new NodeConfig(Map.of("warn_if", ">0", "error_if", ">10"));
    assertThat(TestVerdict.of(config, 0)).isEqualTo("pass");
    assertThat(TestVerdict.of(config, 5)).isEqualTo("warn");
    assertThat(TestVerdict.of(config, 11)).isEqualTo("fail");
    assertThat(Threshold.parse(">=10").holds(10)).isTrue();
    assertThat(Threshold.parse("<5").holds(5)).isFalse();
    assertThat(Threshold.parse("= 2").holds(2)).isTrue();
  }
}
