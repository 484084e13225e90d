package com.simpletimeservice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** On Beanstalk every log line is one JSON object on stdout, for CloudWatch Logs to index. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTest {

	@Test
	void beanstalkProfileLogsJsonLines(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(SimpleTimeServiceApplication.class,
				"--spring.profiles.active=beanstalk", "--server.port=0")) {
			assertThat(context.isRunning()).isTrue();
		}
		String[] lines = output.getOut().strip().split("\\R");
		assertThat(lines).isNotEmpty();
		JsonMapper json = JsonMapper.shared();
		for (String line : lines) {
			JsonNode entry = json.readTree(line);
			assertThat(entry.has("@timestamp")).as(line).isTrue();
			assertThat(entry.has("message")).as(line).isTrue();
		}
	}

}
