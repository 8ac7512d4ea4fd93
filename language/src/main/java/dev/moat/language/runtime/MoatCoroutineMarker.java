package dev.moat.language.runtime;

/** Implemented by the coroutine value of the coroutine library, so core code can name its type "thread". */
public interface MoatCoroutineMarker {
}
