package dev.heartbeat.boot.test;

import java.util.List;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.ObjectError;
import org.springframework.validation.Validator;

/**
 * The messages of an exception and all its causes, one per line, for asserting that a start-up
 * failure names what to fix; and the messages of the errors that properties report when they are
 * validated at bind time.
 */
public final class FailureMessages {

	private FailureMessages() {
	}

	public static String of(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append('\n');
			if (cause.getCause() == cause) {
				break;
			}
		}
		return messages.toString();
	}

	/**
	 * The message of the validation error about one property in a start-up failure, which must
	 * hold the binder's {@link BindValidationException}.
	 * @param failure the start-up failure
	 * @param property the full property name the message must start with
	 * @return the message, e.g. {@code heartbeat.period must be at least 1ms, was '0s'}
	 * @throws AssertionError if the failure is no binding validation failure or has no error
	 * about the property
	 */
	public static String validationError(Throwable failure, String property) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindValidationException invalid) {
				return about(property, messages(invalid.getValidationErrors().getAllErrors()), failure);
			}
		}
		throw new AssertionError("Not a failure of binding validation:\n" + of(failure));
	}

	/**
	 * The message of the error about one property that a validating properties object reports,
	 * validated as the binder does.
	 * @param properties the properties, which validate themselves
	 * @param property the full property name the message must start with
	 * @return the message
	 * @throws AssertionError if there is no error about the property
	 */
	public static String validationError(Validator properties, String property) {
		return about(property, validationErrors(properties), null);
	}

	/**
	 * The messages of every error a validating properties object reports.
	 * @param properties the properties, which validate themselves
	 * @return the messages, empty when the properties are valid
	 */
	public static List<String> validationErrors(Validator properties) {
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(properties, "properties");
		properties.validate(properties, errors);
		return messages(errors.getAllErrors());
	}

	private static List<String> messages(List<ObjectError> errors) {
		return errors.stream().map(ObjectError::getDefaultMessage).toList();
	}

	private static String about(String property, List<String> messages, Throwable failure) {
		return messages.stream()
			.filter((message) -> message.startsWith(property + " "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No error about " + property + " in " + messages
					+ ((failure != null) ? "\n" + of(failure) : "")));
	}

}
