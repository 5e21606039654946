<?php
/**
 * Plugin Name: Byline Companion
 * Description: Lets the Byline desktop client sync safely: finds a post by the id Byline gave it
 *              (so a retried create never makes a second post) and refuses an update that would
 *              overwrite changes made since the edit started (HTTP 412). Keeps each story's
 *              editorial history and notes as post meta, so that they reach every client. Keeps
 *              the image credits Byline sets on uploads (permission, proof, expiry, creator…) as
 *              attachment meta, and finds an upload by the id Byline gave its image (so a
 *              retried upload never makes a second attachment).
 * Version: 1.0.0
 * License: GPL-3.0-or-later
 *
 * Install by copying this file into wp-content/mu-plugins/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

defined('ABSPATH') || exit;

const BYLINE_CLIENT_UUID_META = 'byline_client_uuid';
const BYLINE_BASE_MODIFIED_HEADER = 'x_byline_base_modified';
const BYLINE_REST_NAMESPACE = 'byline/v1';

/* Statuses a lookup searches: a trashed post still counts, or a retry would recreate it. */
const BYLINE_LOOKUP_STATUSES = array('draft', 'pending', 'future', 'publish', 'private', 'trash');

function byline_companion_sanitize_uuid($value)
{
    $value = strtolower(trim((string) $value));
    return preg_match('/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/', $value) ? $value : '';
}

function byline_companion_register_meta()
{
    register_post_meta('post', BYLINE_CLIENT_UUID_META, array(
        'type'              => 'string',
        'description'       => 'The id the Byline client gave this post when it created it.',
        'single'            => true,
        'default'           => '',
        'show_in_rest'      => true,
        'sanitize_callback' => 'byline_companion_sanitize_uuid',
        'auth_callback'     => function ($allowed, $meta_key, $post_id) {
            return current_user_can('edit_post', $post_id);
        },
    ));
}
add_action('init', 'byline_companion_register_meta');

/* The story's editorial history — every status change, who made it, when, and the note that
 * went with it (a send-back note reaches the writer this way) — as Byline's JSON array. */
const BYLINE_HISTORY_META = 'byline_history';

function byline_companion_sanitize_history($value)
{
    $value = (string) $value;
    return is_array(json_decode($value, true)) ? $value : '';
}

function byline_companion_register_history_meta()
{
    register_post_meta('post', BYLINE_HISTORY_META, array(
        'type'              => 'string',
        'description'       => 'The Byline history of the story: a JSON array of {actor, at, from, to, note, override_reason, publish_at}.',
        'single'            => true,
        'default'           => '',
        'show_in_rest'      => true,
        'sanitize_callback' => 'byline_companion_sanitize_history',
        'auth_callback'     => function ($allowed, $meta_key, $post_id) {
            return current_user_can('edit_post', $post_id);
        },
    ));
}
add_action('init', 'byline_companion_register_history_meta');

function byline_companion_history_key($entry)
{
    return implode('|', array($entry['at'] ?? '', $entry['actor'] ?? '', $entry['from'] ?? '', $entry['to'] ?? ''));
}

function byline_companion_history_time($entry)
{
    try {
        return new DateTimeImmutable((string) ($entry['at'] ?? ''));
    } catch (Exception $e) {
        return new DateTimeImmutable('@0');
    }
}

/* Every entry either side knows, oldest first. */
function byline_companion_merged_history($stored, $sent)
{
    $merged = array();
    foreach (array($stored, $sent) as $json) {
        $entries = json_decode((string) $json, true);
        foreach (is_array($entries) ? $entries : array() as $entry) {
            if (is_array($entry)) {
                $merged[byline_companion_history_key($entry)] = $entry;
            }
        }
    }
    $merged = array_values($merged);
    usort($merged, function ($a, $b) {
        return byline_companion_history_time($a) <=> byline_companion_history_time($b);
    });
    return wp_json_encode($merged);
}

/* Each client sends the history it knows: the site keeps every entry any client sent, so that a
 * client that has not seen the newest ones cannot erase them. */
function byline_companion_merge_history($check, $object_id, $meta_key, $meta_value, $prev_value)
{
    if ($meta_key !== BYLINE_HISTORY_META || $check !== null) {
        return $check;
    }
    $stored = (string) get_post_meta($object_id, BYLINE_HISTORY_META, true);
    $merged = byline_companion_merged_history($stored, $meta_value);
    if ($merged !== $stored) {
        remove_filter('update_post_metadata', 'byline_companion_merge_history', 10);
        update_post_meta($object_id, BYLINE_HISTORY_META, wp_slash($merged));
        add_filter('update_post_metadata', 'byline_companion_merge_history', 10, 5);
    }
    return true;
}
add_filter('update_post_metadata', 'byline_companion_merge_history', 10, 5);

/* Image credits that WordPress has no field for, set by Byline after an upload. */
const BYLINE_ATTACHMENT_META = array(
    'byline_permission_kind'   => 'Why Byline may publish the image: staff, wire-service, handout, copyright-holder, creative-commons, public-domain or news-screenshot.',
    'byline_permission_proof'  => 'A reference, web address or note that shows the permission.',
    'byline_permission_expiry' => 'When the permission ends, as an ISO 8601 date and time in UTC; empty if never.',
    'byline_credit_line'       => 'The credit line readers see.',
    'byline_creator'           => 'Who made the image.',
    'byline_creator_title'     => 'The job title of who made the image, such as "Staff photographer".',
    'byline_copyright_holder'  => 'Who owns the copyright.',
    'byline_source'            => 'Who supplied the image, such as an agency.',
);

function byline_companion_register_attachment_meta()
{
    foreach (BYLINE_ATTACHMENT_META as $key => $description) {
        register_post_meta('attachment', $key, array(
            'type'              => 'string',
            'description'       => $description,
            'single'            => true,
            'default'           => '',
            'show_in_rest'      => true,
            'sanitize_callback' => 'sanitize_textarea_field',
            'auth_callback'     => function ($allowed, $meta_key, $post_id) {
                return current_user_can('edit_post', $post_id);
            },
        ));
    }
}
add_action('init', 'byline_companion_register_attachment_meta');

/* An upload carries the id Byline gave the image, kept as the attachment's byline_client_uuid
 * as soon as the attachment exists, so that a retry after a lost answer finds it instead of
 * uploading the file twice. */
const BYLINE_CLIENT_UUID_HEADER = 'x_byline_client_uuid';
const BYLINE_ATTACHMENT_LOOKUP_STATUSES = array('inherit', 'private', 'trash');

function byline_companion_register_attachment_client_uuid()
{
    register_post_meta('attachment', BYLINE_CLIENT_UUID_META, array(
        'type'              => 'string',
        'description'       => 'The id the Byline client gave the image this attachment was uploaded from.',
        'single'            => true,
        'default'           => '',
        'show_in_rest'      => true,
        'sanitize_callback' => 'byline_companion_sanitize_uuid',
        'auth_callback'     => function ($allowed, $meta_key, $post_id) {
            return current_user_can('edit_post', $post_id);
        },
    ));
}
add_action('init', 'byline_companion_register_attachment_client_uuid');

function byline_companion_keep_upload_client_uuid($attachment, $request, $creating)
{
    $uuid = byline_companion_sanitize_uuid($request->get_header(BYLINE_CLIENT_UUID_HEADER));
    if ($creating && $uuid !== '') {
        update_post_meta($attachment->ID, BYLINE_CLIENT_UUID_META, $uuid);
    }
}
add_action('rest_insert_attachment', 'byline_companion_keep_upload_client_uuid', 10, 3);

/* The items of $post_type (normally one) that Byline created with this client uuid, in the same
 * shape as $route/ID with context=edit, limited to what the user may edit. */
function byline_companion_find_by_client_uuid($post_type, $statuses, $route, $client_uuid)
{
    $ids = get_posts(array(
        'post_type'        => $post_type,
        'post_status'      => $statuses,
        'meta_key'         => BYLINE_CLIENT_UUID_META,
        'meta_value'       => $client_uuid,
        'fields'           => 'ids',
        'orderby'          => 'ID',
        'order'            => 'ASC',
        'posts_per_page'   => 10,
        'suppress_filters' => false,
    ));

    $items = array();
    foreach ($ids as $id) {
        if (!current_user_can('edit_post', $id)) {
            continue;
        }
        $inner = new WP_REST_Request('GET', $route . '/' . $id);
        $inner->set_param('context', 'edit');
        $response = rest_do_request($inner);
        if (!$response->is_error()) {
            $items[] = rest_get_server()->response_to_data($response, false);
        }
    }
    return rest_ensure_response($items);
}

/* GET byline/v1/$path?client_uuid=…, answered by $callback for users with $capability. */
function byline_companion_register_lookup_route($path, $callback, $capability)
{
    register_rest_route(BYLINE_REST_NAMESPACE, $path, array(
        'methods'             => WP_REST_Server::READABLE,
        'callback'            => $callback,
        'permission_callback' => function () use ($capability) {
            return current_user_can($capability);
        },
        'args'                => array(
            'client_uuid' => array(
                'type'              => 'string',
                'required'          => true,
                'sanitize_callback' => 'byline_companion_sanitize_uuid',
                'validate_callback' => function ($value) {
                    return byline_companion_sanitize_uuid($value) !== '';
                },
            ),
        ),
    ));
}

/* GET byline/v1/media?client_uuid=…: the attachments uploaded from that image. */
function byline_companion_find_media(WP_REST_Request $request)
{
    return byline_companion_find_by_client_uuid('attachment', BYLINE_ATTACHMENT_LOOKUP_STATUSES, '/wp/v2/media',
                                                $request['client_uuid']);
}

function byline_companion_register_media_routes()
{
    byline_companion_register_lookup_route('/media', 'byline_companion_find_media', 'upload_files');
}
add_action('rest_api_init', 'byline_companion_register_media_routes');

/* WordPress checks an application password only once REST_REQUEST is defined, but it has
 * usually looked up the current user before that (during init) and cached "nobody", so a wrong
 * password is answered like a missing one ("rest_not_logged_in"). Saying early that this is an
 * API request gets the real error ("incorrect_password"), which lets the client tell a wrong
 * password from a server that strips the Authorization header. */
function byline_companion_is_api_request($is_api_request)
{
    if ($is_api_request || isset($_GET['rest_route'])) {
        return true;
    }
    $path = (string) parse_url($_SERVER['REQUEST_URI'] ?? '', PHP_URL_PATH);
    $home_path = rtrim((string) parse_url(home_url(), PHP_URL_PATH), '/');
    $rest_path = $home_path . '/' . trim(rest_get_url_prefix(), '/');
    return $path === $rest_path || str_starts_with($path, $rest_path . '/');
}
add_filter('application_password_is_api_request', 'byline_companion_is_api_request');

/* GET byline/v1/posts?client_uuid=…: the posts created from that story. */
function byline_companion_find_posts(WP_REST_Request $request)
{
    return byline_companion_find_by_client_uuid('post', BYLINE_LOOKUP_STATUSES, '/wp/v2/posts',
                                                $request['client_uuid']);
}

function byline_companion_register_routes()
{
    byline_companion_register_lookup_route('/posts', 'byline_companion_find_posts', 'edit_posts');
}
add_action('rest_api_init', 'byline_companion_register_routes');

/* The post id when $request is an update of a single post, 0 otherwise. */
function byline_companion_updated_post_id(WP_REST_Request $request)
{
    if (!in_array($request->get_method(), array('POST', 'PUT', 'PATCH'), true)) {
        return 0;
    }
    if (!preg_match('#^/wp/v2/posts/(\d+)$#', $request->get_route(), $matches)) {
        return 0;
    }
    return (int) $matches[1];
}

function byline_companion_parse_gmt($text)
{
    $date = DateTimeImmutable::createFromFormat('!Y-m-d\TH:i:s', substr((string) $text, 0, 19),
                                                new DateTimeZone('UTC'));
    if ($date === false) {
        $date = DateTimeImmutable::createFromFormat('!Y-m-d H:i:s', substr((string) $text, 0, 19),
                                                    new DateTimeZone('UTC'));
    }
    return $date === false ? null : $date;
}

/* Optimistic concurrency, which WordPress lacks: an update that says which modified_gmt it
 * started from is refused when the post changed since. A named lock per post makes the check
 * and the write one step against other checked updates. */
function byline_companion_check_base(
    $response,
    $handler,
    WP_REST_Request $request
) {
    global $wpdb;

    $base_header = $request->get_header(BYLINE_BASE_MODIFIED_HEADER);
    $id = byline_companion_updated_post_id($request);
    if ($base_header === null || $id === 0 || is_wp_error($response)) {
        return $response;
    }
    $post = get_post($id);
    /* Let WordPress answer 404/401/403 itself, so nothing leaks to those who may not edit. */
    if (!$post || !current_user_can('edit_post', $id)) {
        return $response;
    }
    $base = byline_companion_parse_gmt($base_header);
    if ($base === null) {
        return new WP_Error('byline_bad_base_modified',
            __('The X-Byline-Base-Modified header is not a date like 2024-05-01T12:00:00.', 'byline-companion'),
            array('status' => 400));
    }

    $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, 10)', 'byline_post_' . $id));
    $GLOBALS['byline_companion_lock'] = 'byline_post_' . $id;
    clean_post_cache($id);
    $current = byline_companion_parse_gmt(get_post($id)->post_modified_gmt);
    if ($current !== null && $current > $base) {
        return new WP_Error('byline_conflict',
            __('This post was changed by someone else after your edit started.', 'byline-companion'),
            array('status' => 412, 'modified_gmt' => $current->format('Y-m-d\TH:i:s')));
    }
    return $response;
}
add_filter('rest_request_before_callbacks', 'byline_companion_check_base', 10, 3);

function byline_companion_release_lock($response)
{
    global $wpdb;

    if (!empty($GLOBALS['byline_companion_lock'])) {
        $wpdb->get_var($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $GLOBALS['byline_companion_lock']));
        unset($GLOBALS['byline_companion_lock']);
    }
    return $response;
}
add_filter('rest_request_after_callbacks', 'byline_companion_release_lock');
