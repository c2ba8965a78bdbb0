package dev.mopo.datasets.template;

import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.example.Prompt;
import java.util.Objects;

/**
 * The conversation format of PKU-Alignment's safe-rlhf models:
 * {@code BEGINNING OF CONVERSATION: USER: {prompt} ASSISTANT:}. Earlier assistant turns are
 * followed by the end-of-sequence token ({@code …ASSISTANT:{answer}</s>USER: …}), as in
 * safe-rlhf's {@code format_prompt}. That format has no system turn; a system message is
 * written after {@code BEGINNING OF CONVERSATION: }, followed by a space.
 */
public final class PkuChatTemplate implements ChatTemplate {

    private static final String BEGIN = "BEGINNING OF CONVERSATION: ";
    private static final String USER = "USER: ";
    private static final String ASSISTANT = "ASSISTANT:";

    private final String eosToken;

    /** @param eosToken the end-of-sequence token text closing earlier assistant turns */
    public PkuChatTemplate(String eosToken) {
        this.eosToken = Objects.requireNonNull(eosToken, "eosToken");
    }

    @Override
    public String render(Prompt prompt) {
        StringBuilder out = new StringBuilder(BEGIN);
        for (ChatMessage message : prompt.messages()) {
            switch (message.role()) {
                case ChatMessage.SYSTEM:
                    out.append(message.content()).append(' ');
                    break;
                case ChatMessage.ASSISTANT:
                    out.append(message.content()).append(eosToken);
                    break;
                default:
                    out.append(USER).append(message.content()).append(' ').append(ASSISTANT);
            }
        }
        return out.toString();
    }
}
