package com.simpletimeservice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SimpleTimeServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(SimpleTimeServiceApplication.class, args);
	}

}
