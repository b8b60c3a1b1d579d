package io.richmond.api.keyword;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.richmond.api.ApiProperties;
import io.richmond.api.account.NumberRoute;
import io.richmond.api.account.NumberRouteRepository;
import io.richmond.api.lookup.LookupCache;
import io.richmond.api.web.ApiException;

/** The keywords accounts registered on numbers, and which one an inbound SMS starts with. */
@Service
public class Keywords {

    // ASCII only: what every handset can type, and queue names without Unicode normalization questions.
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9]{1,32}");
    /** An msisdn as the API takes it, or a short code. */
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{7,15}|[0-9]{3,6}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private record Key(String number, String keyword) {
    }

    private final KeywordRepository keywords;
    private final NumberRouteRepository routes;
    /** Matches of inbound SMS; holds only what an SMS asked about. */
    private final LookupCache<Key, Optional<Keyword>> matches;

    Keywords(KeywordRepository keywords, NumberRouteRepository routes, ApiProperties properties) {
        this.keywords = keywords;
        this.routes = routes;
        this.matches = new LookupCache<>(properties.lookupCacheTtl(), 100_000);
    }

    /** The keyword registered for {@code number} that {@code content}'s first word is, ignoring case. */
    @Transactional(readOnly = true)
    public Optional<Keyword> match(String number, String content) {
        if (content == null || !NUMBER.matcher(number).matches()) {
            return Optional.empty();
        }
        String first = WHITESPACE.split(content.strip(), 2)[0].toLowerCase(Locale.ROOT);
        if (!KEYWORD.matcher(first).matches()) {
            return Optional.empty();
        }
        return matches.get(new Key(normalize(number), first),
                key -> keywords.findByNumberAndKeyword(key.number(), key.keyword()));
    }

    /**
     * The account's keyword on a number routed to it ({@code accounts route}): a keyword takes SMS away from whoever
     * would otherwise receive them, so an account may take them only from itself. A number routed to another
     * account and a number routed to none get the same answer, which tells the caller nothing about either.
     *
     * @throws ApiException 403 when the number is not routed to the account, 409 when the keyword is taken on it
     */
    @Transactional
    Keyword register(long accountId, String number, String keyword) {
        String normalized = normalize(number);
        Optional<Long> routedTo = routes.findById(normalized).or(() -> routes.findById("+" + normalized))
                .map(NumberRoute::getAccountId);
        if (routedTo.isEmpty() || routedTo.get() != accountId) {
            throw new ApiException(HttpStatus.FORBIDDEN, "number", "number " + number + " is not routed to your"
                    + " account; ask the operator to route it to you before registering keywords on it");
        }
        return insert(accountId, normalized, keyword, number);
    }

    /**
     * The operator's registration ({@code accounts keyword}), on any number: shared short codes, which no account
     * is routed, get their keywords this way.
     *
     * @throws ApiException 409 when the keyword is taken on the number
     */
    @Transactional
    public Keyword registerAsOperator(long accountId, String number, String keyword) {
        return insert(accountId, normalize(checkNumber(number)), checkKeyword(keyword), number);
    }

    private Keyword insert(long accountId, String normalized, String keyword, String number) {
        if (keywords.findByNumberAndKeyword(normalized, keyword).isPresent()) {
            throw taken(number, keyword);
        }
        matches.invalidateAfterCommit();
        // Flushed here so that a concurrent registration's unique violation surfaces inside this call.
        return keywords.saveAndFlush(new Keyword(accountId, normalized, keyword,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    @Transactional(readOnly = true)
    List<Keyword> of(long accountId) {
        return keywords.findByAccountIdOrderByIdAsc(accountId);
    }

    @Transactional
    void delete(long accountId, long id) {
        matches.invalidateAfterCommit();
        keywords.delete(keywords.findByIdAndAccountId(id, accountId)
                .orElseThrow(() -> ApiException.notFound("no keyword " + id)));
    }

    /** Names only what the caller gave: never the account that holds the keyword, nor its other keywords. */
    static ApiException taken(String number, String keyword) {
        return new ApiException(HttpStatus.CONFLICT, "keyword", "keyword '" + keyword + "' on " + number
                + " is taken");
    }

    /** The keyword as stored, or 400 naming the field. */
    static String checkKeyword(String value) {
        String keyword = value.strip();
        if (!KEYWORD.matcher(keyword).matches()) {
            throw ApiException.badRequest("keyword", "'" + value + "' is not a keyword: one word of 1 to 32"
                    + " letters or digits");
        }
        return keyword.toLowerCase(Locale.ROOT);
    }

    static String checkNumber(String value) {
        if (!NUMBER.matcher(value).matches()) {
            throw ApiException.badRequest("number", "'" + value + "' is not a number: an msisdn (digits with an"
                    + " optional leading +, 7 to 15 digits) or a short code (3 to 6 digits)");
        }
        return value;
    }

    private static String normalize(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
