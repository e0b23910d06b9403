-- SQL functions behind OQL functions that PostgreSQL lacks under MySQL's names and meaning.

-- INET_ATON: dotted IPv4 text to its 32-bit number; NULL when the text is not an IPv4 address.
CREATE FUNCTION itop_inet_aton(address text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CASE WHEN address ~ '^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$'
        THEN split_part(address, '.', 1)::bigint * 16777216 + split_part(address, '.', 2)::bigint * 65536
           + split_part(address, '.', 3)::bigint * 256 + split_part(address, '.', 4)::bigint END $$;

-- INET_NTOA: a 32-bit number to dotted IPv4 text.
CREATE FUNCTION itop_inet_ntoa(address bigint) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT CASE WHEN address BETWEEN 0 AND 4294967295
        THEN ((address >> 24) & 255) || '.' || ((address >> 16) & 255) || '.' || ((address >> 8) & 255) || '.' || (address & 255) END $$;

-- DATE_FORMAT: MySQL format letters (%Y-%m-%d ...) applied to a timestamp. Text outside the
-- letters is copied as it is; unknown letters are copied without their percent sign, as MySQL does.
CREATE FUNCTION itop_date_format(value timestamp, format text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    AS $$
DECLARE
    result text := '';
    i int := 1;
    c text;
BEGIN
    WHILE i <= length(format) LOOP
        c := substr(format, i, 1);
        IF c = '%' AND i < length(format) THEN
            i := i + 1;
            c := substr(format, i, 1);
            result := result || CASE c
                WHEN 'Y' THEN to_char(value, 'YYYY') WHEN 'y' THEN to_char(value, 'YY')
                WHEN 'm' THEN to_char(value, 'MM') WHEN 'c' THEN to_char(value, 'FMMM')
                WHEN 'd' THEN to_char(value, 'DD') WHEN 'e' THEN to_char(value, 'FMDD')
                WHEN 'H' THEN to_char(value, 'HH24') WHEN 'k' THEN to_char(value, 'FMHH24')
                WHEN 'h' THEN to_char(value, 'HH12') WHEN 'I' THEN to_char(value, 'HH12') WHEN 'l' THEN to_char(value, 'FMHH12')
                WHEN 'i' THEN to_char(value, 'MI') WHEN 's' THEN to_char(value, 'SS') WHEN 'S' THEN to_char(value, 'SS')
                WHEN 'p' THEN to_char(value, 'AM') WHEN 'M' THEN to_char(value, 'FMMonth') WHEN 'b' THEN to_char(value, 'Mon')
                WHEN 'W' THEN to_char(value, 'FMDay') WHEN 'a' THEN to_char(value, 'Dy') WHEN 'j' THEN to_char(value, 'DDD')
                WHEN 'T' THEN to_char(value, 'HH24:MI:SS') WHEN 'f' THEN to_char(value, 'US')
                ELSE c END;
        ELSE
            result := result || c;
        END IF;
        i := i + 1;
    END LOOP;
    RETURN result;
END $$;
